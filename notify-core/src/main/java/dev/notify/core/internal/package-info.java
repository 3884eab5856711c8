/**
 * Internal: not API; may change without notice.
 */
package dev.notify.core.internal;
