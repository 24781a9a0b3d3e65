package io.asyncorm.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.orm.AsyncScopedSession;
import io.asyncorm.spring.testapp.Note;
import io.asyncorm.testing.TestDatabases;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/** Closing the application context is quiet: no WARN or ERROR from any bean's destruction (the scoped session's included). */
@ExtendWith(OutputCaptureExtension.class)
class AsyncOrmShutdownTests {

    @Configuration(proxyBeanMethods = false)
    @EntityScan(basePackageClasses = Note.class)
    static class Entities {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AsyncOrmUrlAutoConfiguration.class, R2dbcAutoConfiguration.class,
                    AsyncOrmAutoConfiguration.class))
            .withUserConfiguration(Entities.class);

    @Test
    void closingTheContextLogsNoWarningOrError(CapturedOutput output) {
        this.runner.withPropertyValues("spring.r2dbc.url=" + TestDatabases.h2()).run(context -> assertThat(context).hasSingleBean(AsyncScopedSession.class));
        this.runner.withPropertyValues("async-orm.engine.url=" + TestDatabases.h2()).run(context -> assertThat(context).hasSingleBean(AsyncScopedSession.class));
        assertThat(Arrays.stream(output.toString().split("\\R")).filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")))
                .as("WARN and ERROR lines at startup or shutdown").isEmpty();
    }
}
