/**
 * Internal: generic utilities of the runtime (worker threads, loading a class named on a command line); not API; may change
 * without notice. The runtime's own classes live, package-private, in
 * {@link dev.notify.core.runtime}.
 */
package dev.notify.core.internal;
