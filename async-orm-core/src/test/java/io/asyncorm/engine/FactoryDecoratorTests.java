package io.asyncorm.engine;

import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.testing.CountingConnectionFactory;
import io.asyncorm.testing.TestDatabases;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** EngineOptions.factoryDecorator: the driver factory of an engine made from a URL is wrapped, in order, under its pool. */
class FactoryDecoratorTests {

    @Test
    void decoratorsWrapTheDriverFactoryInOrderUnderThePool() {
        AtomicInteger created = new AtomicInteger();
        List<String> order = new ArrayList<>();
        AsyncEngine engine = AsyncEngine.create(TestDatabases.h2(), EngineOptions.builder().poolSize(1)
                .factoryDecorator(factory -> {
                    order.add("first");
                    return new CountingConnectionFactory(factory, created);
                })
                .factoryDecorator(factory -> {
                    order.add("second: over " + factory.getClass().getSimpleName());
                    return factory;
                }).build());
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(engine.connect(conn -> conn.<Integer>scalar(text("select 1"))).blockLast()).isEqualTo(Optional.of(1));
            }
            assertThat(order).containsExactly("first", "second: over CountingConnectionFactory");
            assertThat(created).as("one physical connection, pooled above the decorators").hasValue(1);
        } finally {
            engine.dispose().block();
        }
    }
}
