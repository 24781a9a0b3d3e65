package io.asyncorm.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.orm.Registry;
import io.asyncorm.spring.data.Paging;
import io.asyncorm.spring.testapp.Note;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Pageable;

/** The Paging bean: there with Spring Data Commons and a registry, absent without them, replaced by the application's. */
class AsyncOrmPagingAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AsyncOrmUrlAutoConfiguration.class, AsyncOrmAutoConfiguration.class,
                    AsyncOrmPagingAutoConfiguration.class))
            .withUserConfiguration(Entities.class)
            .withPropertyValues("async-orm.engine.url=r2dbc:h2:mem:///paging-conditions");

    @Configuration(proxyBeanMethods = false)
    @EntityScan(basePackageClasses = Note.class)
    static class Entities {
    }

    @Test
    void pagingIsThereWithSpringDataCommons() {
        this.runner.run(context -> assertThat(context).hasSingleBean(Paging.class));
    }

    @Test
    void withoutSpringDataCommonsThereIsNoPaging() {
        this.runner.withClassLoader(new FilteredClassLoader(Pageable.class)).run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(Paging.class));
    }

    @Test
    void theApplicationsPagingWins() {
        Paging own = Paging.of(Registry.of(Note.class));
        this.runner.withBean(Paging.class, () -> own).run(context -> assertThat(context.getBean(Paging.class)).isSameAs(own));
    }
}
