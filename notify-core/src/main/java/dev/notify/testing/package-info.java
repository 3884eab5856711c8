/**
 * Test tools for users' own tests: {@link dev.notify.testing.WebSocketCommunicator} drives a consumer
 * (or a whole router) through the real runtime without a network, like Channels'
 * {@code WebsocketCommunicator}; {@link dev.notify.testing.WorkerCommunicator} runs worker consumers
 * and awaits what they did; {@link dev.notify.testing.HttpCommunicator} sends requests to HTTP
 * handlers. No test framework is required; failed expectations throw
 * {@link java.lang.AssertionError}.
 */
package dev.notify.testing;
