/**
 * Channel layers: the message bus between consumers, as in Django Channels.
 *
 * <p>A <em>channel</em> is a named mailbox that one consumer reads; a <em>group</em> is a named
 * set of channels that can be sent to at once. {@link dev.notify.layer.ChannelLayer} is the
 * asynchronous contract; {@link dev.notify.layer.ChannelLayer#blocking(java.time.Duration)} gives a
 * blocking view of it for synchronous code.
 */
package dev.notify.layer;
