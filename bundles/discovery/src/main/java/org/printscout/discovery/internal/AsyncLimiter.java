package org.printscout.discovery.internal;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs at most {@code limit} asynchronous tasks at once and queues the rest, without blocking any
 * thread: a finishing task starts the next. Tasks that complete at once are started in a loop
 * rather than recursively (the work-in-progress counter makes one caller drain for all).
 */
final class AsyncLimiter {

    private final int limit;
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private final AtomicInteger draining = new AtomicInteger();
    private int running;

    AsyncLimiter(int limit) {
        this.limit = limit;
    }

    <T> CompletableFuture<T> submit(Supplier<? extends CompletionStage<T>> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> {
            CompletionStage<T> stage;
            try {
                stage = task.get();
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((value, failure) -> {
                synchronized (this) {
                    running--;
                }
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
                drain();
            });
        };
        synchronized (this) {
            queue.add(start);
        }
        drain();
        return result;
    }

    private void drain() {
        if (draining.getAndIncrement() != 0) {
            return;
        }
        do {
            while (true) {
                Runnable next;
                synchronized (this) {
                    if (running >= limit || queue.isEmpty()) {
                        break;
                    }
                    running++;
                    next = queue.poll();
                }
                next.run();
            }
        } while (draining.decrementAndGet() != 0);
    }
}
