package dev.notify.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.consumer.Scope;
import dev.notify.core.internal.WorkerThreads;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bulkheads, the request timeout and handler failures, on the runtime's HTTP path. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpHandlerGuardTest {
    private final ScriptedLayer layer = new ScriptedLayer();
    // the shared pool of JVMs without virtual threads, whatever JVM runs the test
    private final ExecutorService blocking = WorkerThreads.pool("test-blocking", ConsumerRuntime.DEFAULT_BLOCKING_THREADS);
    private final ExecutorService async = WorkerThreads.pool("test-async", 2);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);
    private ConsumerRuntime runtime;

    @AfterEach
    void stop() {
        release.countDown();
        runtime.close();
        blocking.shutdownNow();
        async.shutdownNow();
    }

    private ConsumerRuntime runtime(ConsumerRuntime.Builder options) {
        Router router = Router.builder()
                // sees every answer of the handlers, errors included
                .use((request, next) -> next.handle(request).thenApply(r -> r.toBuilder().header("X-Seen", "yes").build()))
                .get("/slow", request -> {
                    release.await();
                    return HttpResponse.text("slow");
                })
                .get("/sleepy", request -> {
                    try {
                        Thread.sleep(60_000);
                        return HttpResponse.text("woke");
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                })
                .asyncHttp("GET", "/never", request -> new CompletableFuture<>())
                .get("/fails", request -> {
                    throw new IllegalStateException("boom");
                })
                .get("/fast", request -> HttpResponse.text("fast"))
                .build();
        runtime = options.layer(layer).router(router).executors(blocking, async).build();
        return runtime;
    }

    private static HttpRequest get(String path) {
        return new HttpRequest("GET", Scope.builder(Scope.Type.HTTP, path).build(), new byte[0]);
    }

    @Test
    void oneSlowRouteCannotTakeEveryThreadOfTheSharedPool() throws Exception {
        ConsumerRuntime runtime = runtime(ConsumerRuntime.builder());
        List<CompletableFuture<HttpResponse>> slow = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            slow.add(runtime.handle(get("/slow")).toCompletableFuture());
        }
        // answered while the slow ones still hold their threads
        assertThat(runtime.handle(get("/fast")).toCompletableFuture().get().bodyText()).isEqualTo("fast");
        assertThat(slow).filteredOn(CompletableFuture::isDone).hasSize(200 - ConsumerRuntime.DEFAULT_ROUTE_CONCURRENCY)
                .allSatisfy(refused -> {
                    HttpResponse response = refused.get();
                    assertThat(response.status()).isEqualTo(503);
                    assertThat(response.header("Retry-After")).contains("1");
                    assertThat(response.header("X-Seen")).contains("yes");
                });
        release.countDown();
        for (CompletableFuture<HttpResponse> response : slow) {
            assertThat(response.get().status()).isIn(200, 503);
        }
        // the permits came back
        assertThat(runtime.handle(get("/slow")).toCompletableFuture().get().status()).isEqualTo(200);
    }

    @Test
    void theBulkheadIsPerRoute() throws Exception {
        ConsumerRuntime runtime = runtime(ConsumerRuntime.builder().routeConcurrency(1));
        CompletableFuture<HttpResponse> first = runtime.handle(get("/slow")).toCompletableFuture();
        assertThat(runtime.handle(get("/slow")).toCompletableFuture().get().status()).isEqualTo(503);
        assertThat(runtime.handle(get("/fast")).toCompletableFuture().get().status()).isEqualTo(200);
        release.countDown();
        assertThat(first.get().bodyText()).isEqualTo("slow");
    }

    @Test
    void aBlockingHandlerPastTheTimeoutGets503AndItsThreadIsInterrupted() throws Exception {
        ConsumerRuntime runtime = runtime(ConsumerRuntime.builder().requestTimeout(Duration.ofMillis(200)));
        HttpResponse response = runtime.handle(get("/sleepy")).toCompletableFuture().get();
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.bodyText()).contains("did not answer within 200 ms");
        assertThat(response.header("X-Seen")).contains("yes");
        assertThat(interrupted.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anAsyncHandlerPastTheTimeoutGets503() throws Exception {
        ConsumerRuntime runtime = runtime(ConsumerRuntime.builder().requestTimeout(Duration.ofMillis(200)));
        assertThat(runtime.handle(get("/never")).toCompletableFuture().get().status()).isEqualTo(503);
    }

    @Test
    void aFailingHandlerGives500ThatMiddlewareSees() throws Exception {
        HttpResponse response = runtime(ConsumerRuntime.builder()).handle(get("/fails")).toCompletableFuture().get();
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.header("X-Seen")).contains("yes");
    }

    @Test
    void badLimitsAreRefused() {
        assertThatThrownBy(() -> ConsumerRuntime.builder().routeConcurrency(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("routeConcurrency must be > 0 but was 0");
        assertThatThrownBy(() -> ConsumerRuntime.builder().requestTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestTimeout must be >= 0");
        runtime = runtime(ConsumerRuntime.builder());
    }
}
