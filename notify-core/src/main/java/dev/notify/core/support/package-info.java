/**
 * Building blocks for {@link dev.notify.layer.ChannelLayer} implementers: Channels' name rules,
 * capacity policies, bounded local mailboxes with asynchronous receivers, and group membership
 * bookkeeping with expiry. Backends use these instead of writing their own.
 */
package dev.notify.core.support;
