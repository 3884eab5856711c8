/**
 * JMH microbenchmarks of the channel layer operations (send then receive; a group send to 1,000
 * members, each of which receives it). {@link dev.notify.bench.Compare} runs them with short
 * iterations; run them alone with {@code java -cp notify-bench/target/notify-bench.jar
 * org.openjdk.jmh.Main dev.notify.bench.jmh}.
 */
package dev.notify.bench.jmh;
