package io.asyncorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcTimeoutException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The pool timeout of a checkout: a connection delivered after the wait ended is given back, never dropped. */
class PoolWaitTests {

    private static Connection connection() {
        return (Connection) Proxy.newProxyInstance(PoolWaitTests.class.getClassLoader(), new Class<?>[] {Connection.class},
                (self, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    case "toString" -> "connection";
                    default -> Mono.empty();
                });
    }

    /** A pool that delivers a connection after {@code delay}, even when its subscriber cancelled meanwhile. */
    private static Mono<Connection> deliversAfter(Connection connection, Duration delay) {
        return Mono.fromDirect(subscriber -> {
            subscriber.onSubscribe(new Subscription() {

                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            Schedulers.parallel().schedule(() -> {
                subscriber.onNext(connection);
                subscriber.onComplete();
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /** A wait on {@code pool} within {@code limit} that records the connections it gives back. */
    private static PoolWait waiting(Mono<Connection> pool, Deadlines limit, List<Connection> givenBack) {
        return new PoolWait(pool, limit, connection -> Mono.fromRunnable(() -> givenBack.add(connection)),
                () -> new R2dbcTimeoutException("waited too long"));
    }

    @Test
    void aConnectionDeliveredAfterThePoolTimeoutIsGivenBack() {
        Connection late = connection();
        List<Connection> givenBack = new CopyOnWriteArrayList<>();
        PoolWait wait = waiting(deliversAfter(late, Duration.ofMillis(300)), new Deadlines(Duration.ofMillis(100)), givenBack);

        StepVerifier.create(wait).expectErrorMessage("waited too long").verify(Duration.ofSeconds(5));

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !givenBack.isEmpty());
        assertThat(givenBack).containsExactly(late);
    }

    @Test
    void aConnectionDeliveredAfterACancelIsGivenBack() {
        Connection late = connection();
        List<Connection> givenBack = new CopyOnWriteArrayList<>();
        PoolWait wait = waiting(deliversAfter(late, Duration.ofMillis(100)), new Deadlines(Duration.ofSeconds(30)), givenBack);

        List<Connection> received = new CopyOnWriteArrayList<>();
        // Subscribed (the pool's checkout is under way: subscription is synchronous), then cancelled.
        wait.subscribe(received::add).dispose();

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !givenBack.isEmpty());
        assertThat(givenBack).containsExactly(late);
        assertThat(received).isEmpty();
    }

    @Test
    void aConnectionDeliveredInTimeIsTheSubscribers() {
        Connection inTime = connection();
        List<Connection> givenBack = new CopyOnWriteArrayList<>();
        Deadlines limit = new Deadlines(Duration.ofSeconds(30));
        PoolWait wait = waiting(Mono.just(inTime), limit, givenBack);

        StepVerifier.create(wait).expectNext(inTime).verifyComplete();

        assertThat(givenBack).isEmpty();
        assertThat(limit.pending()).as("the limit's entry left with the checkout").isZero();
    }
}
