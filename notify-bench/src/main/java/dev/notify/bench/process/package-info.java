/**
 * Child processes of the comparison: each server under test in its own JVM (so its resident memory
 * and CPU time are its own), and a throwaway {@code redis-server} on 127.0.0.1.
 */
package dev.notify.bench.process;
