package io.asyncorm.spring.transaction;

import java.util.Objects;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.support.PersistenceExceptionTranslator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Translates async-orm errors to Spring's {@code DataAccessException} hierarchy for {@code @Repository} beans, also
 * when they arrive as the error signal of a returned {@code Mono} or {@code Flux} (Spring's own
 * {@code PersistenceExceptionTranslationInterceptor} sees only exceptions thrown by the method itself).
 */
public final class ReactiveExceptionTranslationInterceptor implements MethodInterceptor {

    private final PersistenceExceptionTranslator translator;

    /**
     * Creates the interceptor.
     *
     * @param translator the translator, usually an {@link AsyncOrmExceptionTranslator}
     */
    public ReactiveExceptionTranslationInterceptor(PersistenceExceptionTranslator translator) {
        this.translator = Objects.requireNonNull(translator, "translator");
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        Object result;
        try {
            result = invocation.proceed();
        } catch (RuntimeException error) {
            throw translate(error);
        }
        if (result instanceof Mono<?> mono) {
            return mono.onErrorMap(RuntimeException.class, this::translate);
        }
        if (result instanceof Flux<?> flux) {
            return flux.onErrorMap(RuntimeException.class, this::translate);
        }
        return result;
    }

    private RuntimeException translate(RuntimeException error) {
        if (error instanceof DataAccessException) {
            return error;
        }
        DataAccessException translated = this.translator.translateExceptionIfPossible(error);
        return translated != null ? translated : error;
    }
}
