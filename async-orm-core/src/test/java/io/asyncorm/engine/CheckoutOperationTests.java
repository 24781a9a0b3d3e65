package io.asyncorm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.dialect.Dialect;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The checkout's give-back when a checkout listener fails, against a driver whose connections fail to close: the
 * listener's error reaches the caller with the failed close attached, and the close was tried once.
 */
class CheckoutOperationTests {

    /** A driver whose connections cannot be closed (their close fails, counted). */
    private record UnclosableFactory(AtomicInteger closes) implements ConnectionFactory {

        @Override
        public Publisher<? extends Connection> create() {
            return Mono.fromSupplier(() -> (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (self, method, args) -> switch (method.getName()) {
                        case "close" -> Mono.defer(() -> {
                            this.closes.incrementAndGet();
                            return Mono.error(new IllegalStateException("close refused"));
                        });
                        case "hashCode" -> System.identityHashCode(self);
                        case "equals" -> self == args[0];
                        case "toString" -> "unclosable connection";
                        default -> Mono.empty();
                    }));
        }

        @Override
        public ConnectionFactoryMetadata getMetadata() {
            return () -> "H2";
        }
    }

    @Test
    void aFailedCheckoutListenerFailsTheCheckoutWithTheFailedGiveBackAttached() {
        AtomicInteger closes = new AtomicInteger();
        AsyncEngine engine = AsyncEngine.create(new UnclosableFactory(closes),
                EngineOptions.builder().poolEnabled(false).dialect(Dialect.forName("h2")).build());
        IllegalStateException refused = new IllegalStateException("checkout listener refused");
        engine.events().onCheckout(connection -> Mono.error(refused));

        StepVerifier.create(engine.connect()).verifyErrorSatisfies(error -> {
            assertThat(error).isSameAs(refused);
            assertThat(error.getSuppressed()).singleElement().satisfies(suppressed -> assertThat(suppressed).hasMessage("close refused"));
        });
        assertThat(closes).as("the connection's close, tried once").hasValue(1);
    }
}
