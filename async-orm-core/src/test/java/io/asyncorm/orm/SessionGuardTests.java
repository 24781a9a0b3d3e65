package io.asyncorm.orm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncorm.exception.InvalidRequestError;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** The session's guard alone: one operation at a time, reentry for its own work, closing waits instead of failing. */
class SessionGuardTests {

    private final SessionGuard guard = new SessionGuard();

    @Test
    void aSecondOperationFailsAtOnceWhileTheFirstRunsAndPassesOnceItEnds() {
        Sinks.One<String> first = Sinks.one();
        StepVerifier.create(this.guard.run("get", first::asMono))
                .then(() -> StepVerifier.create(this.guard.run("flush", () -> Mono.just("flushed")))
                        .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestError.class)
                                .hasMessageContaining("already running get() and cannot start flush()"))
                        .verify())
                .then(() -> first.tryEmitValue("got"))
                .expectNext("got").verifyComplete();
        StepVerifier.create(this.guard.run("flush", () -> Mono.just("flushed"))).expectNext("flushed").verifyComplete();
    }

    @Test
    void aCancelledOperationReleasesTheGuard() {
        Disposable running = this.guard.run("get", Mono::never).subscribe();
        running.dispose();
        StepVerifier.create(this.guard.run("flush", () -> Mono.just(1))).expectNext(1).verifyComplete();
    }

    @Test
    void aLateCancelAfterTheValueCannotReleaseTheHoldOfTheOperationThatFollows() {
        Disposable[] next = new Disposable[1];
        this.guard.run("get", () -> Mono.just(1)).subscribe(new BaseSubscriber<Integer>() {
            @Override
            protected void hookOnNext(Integer value) {
                // The value released the guard; the next operation takes it, then this one's subscriber cancels late
                // (as Flux.next() and Mono.from(flux) do): the same operation name must not give the new hold back.
                next[0] = SessionGuardTests.this.guard.run("get", Mono::never).subscribe();
                cancel();
            }
        });
        StepVerifier.create(this.guard.run("flush", () -> Mono.just(1))).expectErrorSatisfies(error -> assertThat(error)
                .isInstanceOf(InvalidRequestError.class).hasMessageContaining("already running get()")).verify();
        next[0].dispose();
        StepVerifier.create(this.guard.run("flush", () -> Mono.just(1))).expectNext(1).verifyComplete();
    }

    @Test
    void workInsideTheOperationPassesTheGuard() {
        StepVerifier.create(this.guard.run("commit", () -> this.guard.run("flush", () -> Mono.just("nested"))))
                .expectNext("nested").verifyComplete();
    }

    @Test
    void inMemoryCallsAreRefusedDuringAnOperationExceptFromItsListeners() {
        Sinks.Empty<Void> first = Sinks.empty();
        Disposable running = this.guard.run("flush", first::asMono).subscribe();
        assertThatThrownBy(() -> this.guard.requireIdle("add")).isInstanceOf(InvalidRequestError.class)
                .hasMessageContaining("cannot start add()");
        StepVerifier.create(this.guard.callback(() -> Mono.fromRunnable(() -> this.guard.requireIdle("add")))).verifyComplete();
        first.tryEmitEmpty();
        this.guard.requireIdle("add");
        running.dispose();
    }

    @Test
    void closingWaitsForTheRunningOperationInsteadOfFailing() {
        Sinks.Empty<Void> first = Sinks.empty();
        AtomicBoolean closed = new AtomicBoolean();
        Disposable running = this.guard.run("flush", first::asMono).subscribe();
        StepVerifier.create(this.guard.runClosing("close", () -> Mono.fromRunnable(() -> closed.set(true))))
                .then(() -> assertThat(closed).as("not while the flush runs").isFalse())
                .then(first::tryEmitEmpty)
                .expectComplete().verify(Duration.ofSeconds(5));
        assertThat(closed).isTrue();
        running.dispose();
    }
}
