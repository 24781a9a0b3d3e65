package io.asyncorm.spring.boot.autoconfigure;

import io.asyncorm.orm.Registry;
import io.asyncorm.spring.data.Paging;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.Pageable;

/** Spring Data's {@code Pageable} and {@code Sort} on entity queries ({@link Paging}), when Spring Data Commons is present. */
@AutoConfiguration(after = AsyncOrmAutoConfiguration.class)
@ConditionalOnClass({Pageable.class, Registry.class})
public final class AsyncOrmPagingAutoConfiguration {

    /** Created by Spring. */
    AsyncOrmPagingAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(Registry.class)
    Paging asyncOrmPaging(Registry registry) {
        return Paging.of(registry);
    }
}
