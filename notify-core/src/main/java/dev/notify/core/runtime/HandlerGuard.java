package dev.notify.core.runtime;

import dev.notify.LogText;
import dev.notify.consumer.Scope;
import dev.notify.core.internal.WorkerThreads;
import dev.notify.core.routing.Router;
import dev.notify.http.HttpRequest;
import dev.notify.http.HttpResponse;
import dev.notify.http.MalformedRequestException;
import dev.notify.layer.Stages;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs HTTP handlers so that one slow route cannot starve the others: a bulkhead per blocking route
 * (at most {@code routeConcurrency} of its requests hold a worker thread; more are answered 503 at
 * once) and a request timeout (a handler that has not answered in time gets 503, and the thread of
 * a blocking one is interrupted). A handler that fails gives 500, inside the middleware chain, so
 * middleware sees the error response too.
 */
final class HandlerGuard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HandlerGuard.class);

    private final ExecutorService blockingExecutor;
    private final Executor asyncExecutor;
    private final int routeConcurrency;
    private final Duration requestTimeout;
    private final Map<Router.HttpRoute, Semaphore> bulkheads = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timers;
    private final HandlerTimes times;

    HandlerGuard(ExecutorService blockingExecutor, Executor asyncExecutor, int routeConcurrency, Duration requestTimeout,
            HandlerTimes times) {
        this.times = times;
        this.blockingExecutor = blockingExecutor;
        this.asyncExecutor = asyncExecutor;
        this.routeConcurrency = routeConcurrency;
        this.requestTimeout = requestTimeout;
        this.timers = new ScheduledThreadPoolExecutor(1, WorkerThreads.daemonThreads("notify-request-timeout"));
        timers.setRemoveOnCancelPolicy(true);
    }

    CompletionStage<HttpResponse> invoke(Router.HttpRoute route, HttpRequest request) {
        CompletableFuture<HttpResponse> result = new CompletableFuture<>();
        Future<?> task;
        if (route instanceof Router.HttpRoute.Blocking blocking) {
            Semaphore bulkhead = bulkheads.computeIfAbsent(route, r -> new Semaphore(routeConcurrency));
            if (!bulkhead.tryAcquire()) {
                log.debug("{} {}: the route's {} workers are busy; answering 503", request.method(), request.path(), routeConcurrency);
                return CompletableFuture.completedFuture(HttpResponse.builder(503).header("Retry-After", "1")
                        .header("Content-Type", "text/plain; charset=utf-8")
                        .body("Service Unavailable: too many requests to this page at once; try again shortly\n").build());
            }
            try {
                task = blockingExecutor.submit(() -> {
                    long start = times.start();
                    try {
                        result.complete(Objects.requireNonNull(blocking.handler().handle(request), "the handler returned null"));
                    } catch (Throwable e) {
                        result.completeExceptionally(e);
                    } finally {
                        times.done(Scope.Type.HTTP, start);
                        bulkhead.release();
                    }
                });
            } catch (RejectedExecutionException e) {
                bulkhead.release();
                throw e;
            }
        } else if (route instanceof Router.HttpRoute.Stream) {
            log.error("{} {} is a streaming route, but the transport asked for a whole response", request.method(), request.path());
            return CompletableFuture.completedFuture(HttpResponse.status(500, "Internal Server Error"));
        } else {
            Router.HttpRoute.Async async = (Router.HttpRoute.Async) route;
            task = null;
            CompletableFuture.supplyAsync(() -> times.whenDone(Scope.Type.HTTP, times.start(), async.handler().handle(request)),
                            asyncExecutor)
                    .thenCompose(stage -> stage)
                    .whenComplete((response, error) -> {
                        if (error != null) {
                            result.completeExceptionally(error);
                        } else {
                            result.complete(response);
                        }
                    });
        }
        if (!requestTimeout.isZero()) {
            ScheduledFuture<?> timer = timers.schedule(() -> timeOut(request, result, task),
                    requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
            result.whenComplete((response, error) -> timer.cancel(false));
        }
        return result.exceptionally(error -> failed(request, error));
    }

    /**
     * The answer to a failed handler or middleware: 400 with the message for a
     * {@link MalformedRequestException}, 503 with one line while the channel layer cannot serve,
     * else 500, logged with the cause.
     */
    static HttpResponse failed(HttpRequest request, Throwable error) {
        Throwable cause = Stages.unwrap(error);
        if (cause instanceof MalformedRequestException malformed) {
            log.debug("bad request {} {}: {}", request.method(), LogText.of(request.path()), LogText.of(malformed.getMessage()));
            return HttpResponse.status(400, "Bad Request: " + malformed.getMessage());
        }
        if (ConsumerRuntime.layerUnavailable(cause)) {
            ConsumerRuntime.LAYER_FAILURES.log(note -> log.warn("{} {} answered 503: {}{}", request.method(), LogText.of(request.path()),
                    cause.getMessage(), note));
            return HttpResponse.status(503, ConsumerRuntime.LAYER_UNAVAILABLE);
        }
        log.error("HTTP handler for {} {} failed", request.method(), LogText.of(request.path()), cause);
        return HttpResponse.status(500, "Internal Server Error");
    }

    private void timeOut(HttpRequest request, CompletableFuture<HttpResponse> result, Future<?> task) {
        HttpResponse timedOut = HttpResponse.builder(503).header("Content-Type", "text/plain; charset=utf-8")
                .body("Service Unavailable: the application did not answer within " + requestTimeout.toMillis() + " ms\n").build();
        if (result.complete(timedOut)) {
            log.warn("{} {} did not answer within {} ms: answered 503{}", request.method(), request.path(),
                    requestTimeout.toMillis(), task != null ? " and interrupted its thread" : "; its result will be discarded");
            if (task != null) {
                task.cancel(true);
            }
        }
    }

    /** @return the runtime's timer thread, for short tasks such as heartbeats */
    ScheduledExecutorService timers() {
        return timers;
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
