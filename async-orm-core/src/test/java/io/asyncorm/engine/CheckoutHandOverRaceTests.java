package io.asyncorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.dialect.Dialect;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.test.util.RaceTestUtils;

/**
 * A cancel racing the hand-over of a checked-out connection: whichever wins, the connection is either delivered to the
 * subscriber or released, exactly once. Driven against an in-memory driver so that the race window (a few operators
 * wide) is hit thousands of times a second; a connection neither delivered nor released is a pool slot lost for good.
 */
class CheckoutHandOverRaceTests {

    private static final int TRIES = 20_000;

    /** A driver whose connections do nothing but count their opening and closing. */
    private record CountingFactory(AtomicInteger opened, AtomicInteger closed) implements ConnectionFactory {

        @Override
        public Publisher<? extends Connection> create() {
            // Opens a connection on the first request and emits it even if a cancel arrives meanwhile (a cancel is
            // eventual): the engine, not the driver, must not lose it.
            return subscriber -> subscriber.onSubscribe(new Subscription() {

                private final AtomicBoolean requested = new AtomicBoolean();

                @Override
                public void request(long n) {
                    if (this.requested.compareAndSet(false, true)) {
                        subscriber.onNext(open());
                        subscriber.onComplete();
                    }
                }

                @Override
                public void cancel() {
                }
            });
        }

        private Connection open() {
            this.opened.incrementAndGet();
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (self, method, args) -> switch (method.getName()) {
                        case "close" -> Mono.fromRunnable(this.closed::incrementAndGet);
                        case "validate" -> Mono.just(true);
                        case "hashCode" -> System.identityHashCode(self);
                        case "equals" -> self == args[0];
                        case "toString" -> "counting connection";
                        default -> Mono.empty();
                    });
        }

        @Override
        public ConnectionFactoryMetadata getMetadata() {
            return () -> "H2";
        }
    }

    @ParameterizedTest(name = "pooled: {0}")
    @ValueSource(booleans = {false, true})
    void aCancelRacingTheHandOverNeitherLosesNorDoubleReleasesTheConnection(boolean pooled) {
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        AsyncEngine engine = AsyncEngine.create(new CountingFactory(opened, closed),
                EngineOptions.builder().poolEnabled(pooled).poolSize(1).maxOverflow(0).dialect(Dialect.forName("h2")).build());
        AtomicInteger delivered = new AtomicInteger();
        for (int i = 0; i < TRIES; i++) {
            AtomicReference<Subscription> subscription = new AtomicReference<>();
            CoreSubscriber<AsyncConnection> receiver = new CoreSubscriber<>() {

                @Override
                public void onSubscribe(Subscription s) {
                    subscription.set(s);
                    s.request(1);
                }

                @Override
                public void onNext(AsyncConnection connection) {
                    // A value that arrives is the receiver's, even after its cancel: it closes it.
                    delivered.incrementAndGet();
                    connection.close().subscribe();
                }

                @Override
                public void onError(Throwable error) {
                }

                @Override
                public void onComplete() {
                }
            };
            RaceTestUtils.race(() -> engine.connect().subscribe(receiver), () -> {
                while (subscription.get() == null) {
                    Thread.onSpinWait();
                }
                subscription.get().cancel();
            });
        }
        assertThat(engine.poolStatus().acquired()).as("acquired (delivered %d of %d)", delivered.get(), TRIES).isZero();
        if (!pooled) {
            // A cancel before the request opens nothing; every connection opened is closed once.
            assertThat(opened.get()).isGreaterThan(TRIES / 2);
            assertThat(closed).as("connections closed (delivered %d of %d)", delivered.get(), TRIES).hasValue(opened.get());
        }
    }
}
