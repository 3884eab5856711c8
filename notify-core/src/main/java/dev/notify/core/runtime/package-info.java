/**
 * The consumer runtime. A transport (the Netty server, or the test kit's communicator) implements
 * {@link dev.notify.core.runtime.Connection} and tells the
 * {@link dev.notify.core.runtime.ConsumerRuntime} about each connection through the returned
 * {@link dev.notify.core.runtime.ConnectionHandle}; the runtime routes it, runs the middleware,
 * makes the consumer, binds it to a channel, joins its groups, pumps its layer messages, and runs
 * its hooks one at a time.
 */
package dev.notify.core.runtime;
