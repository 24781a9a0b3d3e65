package io.asyncorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The cleanup time limit: due limits fire, answered steps leave no entry, and steps share one scheduled sweep. */
class DeadlinesTests {

    /** The parallel scheduler, counting the delayed tasks given to it. */
    private static final class CountingTimer implements Scheduler {

        final AtomicInteger scheduled = new AtomicInteger();

        @Override
        public Disposable schedule(Runnable task) {
            return Schedulers.parallel().schedule(task);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            this.scheduled.incrementAndGet();
            return Schedulers.parallel().schedule(task, delay, unit);
        }

        @Override
        public Worker createWorker() {
            return Schedulers.parallel().createWorker();
        }
    }

    @Test
    void aStepThatDoesNotAnswerGetsTheFallbackOnceTheLimitHasPassed() {
        Deadlines deadlines = new Deadlines(Duration.ofMillis(150));

        Duration took = StepVerifier.create(Mono.<String>never().timeout(deadlines.limit(), Mono.just("given up")))
                .expectNext("given up")
                .expectComplete()
                .verify(Duration.ofSeconds(10));

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(deadlines.pending()).isZero();
    }

    @Test
    void stepsThatAnswerLeaveNoEntryAndShareOneScheduledSweep() {
        CountingTimer timer = new CountingTimer();
        Deadlines deadlines = new Deadlines(Duration.ofSeconds(30), () -> timer);

        StepVerifier.create(Flux.range(0, 10_000).concatMap(i -> Mono.just(i).timeout(deadlines.limit(), Mono.just(-1))))
                .expectNextCount(10_000)
                .verifyComplete();

        // Reactor's timeout(Duration) schedules (and cancels) a task per step: 10,000 here.
        assertThat(timer.scheduled).hasValue(1);
        assertThat(deadlines.pending()).isZero();
    }

    @Test
    void limitsFireInTheirOrderWhileLaterOnesWait() {
        Deadlines deadlines = new Deadlines(Duration.ofMillis(200));
        Mono<String> first = Mono.<String>never().timeout(deadlines.limit(), Mono.just("first"));
        Mono<String> answered = Mono.just("answered").delayElement(Duration.ofMillis(50)).timeout(deadlines.limit(), Mono.just("late"));

        StepVerifier.create(Flux.merge(first, answered, Mono.delay(Duration.ofMillis(100))
                        .then(Mono.<String>never().timeout(deadlines.limit(), Mono.just("third")))))
                .expectNext("answered", "first", "third")
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThat(deadlines.pending()).isZero();
    }

    @Test
    void aSubscriberThatThrowsStopsNeitherTheOtherLimitsNorLaterOnes() {
        Deadlines deadlines = new Deadlines(Duration.ofMillis(100));
        deadlines.limit().subscribe(new reactor.core.CoreSubscriber<Long>() {

            @Override
            public void onSubscribe(org.reactivestreams.Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(Long tick) {
                throw new IllegalStateException("a subscriber that throws on the sweep's thread");
            }

            @Override
            public void onError(Throwable error) {
            }

            @Override
            public void onComplete() {
            }
        });

        StepVerifier.create(Mono.never().timeout(deadlines.limit(), Mono.just("beside it"))).expectNext("beside it").expectComplete()
                .verify(Duration.ofSeconds(5));
        StepVerifier.create(Mono.never().timeout(deadlines.limit(), Mono.just("later"))).expectNext("later").expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aLimitCancelledWithItsStepNeverFires() {
        Deadlines deadlines = new Deadlines(Duration.ofMillis(100));
        AtomicInteger fired = new AtomicInteger();

        StepVerifier.create(Mono.never().timeout(deadlines.limit().doOnNext(tick -> fired.incrementAndGet())), 0)
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        // A later limit's sweep passes the cancelled one without firing it.
        StepVerifier.create(Mono.never().timeout(deadlines.limit(), Mono.just("late"))).expectNext("late").expectComplete()
                .verify(Duration.ofSeconds(5));

        assertThat(fired).hasValue(0);
        assertThat(deadlines.pending()).isZero();
    }
}
