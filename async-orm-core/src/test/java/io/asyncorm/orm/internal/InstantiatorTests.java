package io.asyncorm.orm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.MappingError;
import io.asyncorm.orm.Registry;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Entities made through their no-argument constructor: private ones, and constructors that throw, either way. */
class InstantiatorTests {

    @Entity
    static final class Hidden {
        @Id
        Long id;

        private Hidden() {
            this.id = 7L;
        }
    }

    @Entity
    static class Refusing {
        @Id
        Long id;

        Refusing() throws IOException {
            throw new IOException("no disk");
        }
    }

    @Entity
    static class Failing {
        @Id
        Long id;

        Failing() {
            throw new IllegalStateException("broken");
        }
    }

    @Entity
    static class NoDefault {
        @Id
        Long id;

        NoDefault(Long id) {
            this.id = id;
        }
    }

    @Test
    void aPrivateConstructorMakesANewObjectPerCall() throws ReflectiveOperationException {
        Supplier<Object> made = Instantiator.of(Hidden.class);
        Object first = made.get();
        assertThat(first).isInstanceOf(Hidden.class).isNotSameAs(made.get());
        assertThat(((Hidden) first).id).isEqualTo(7L);
        // Not the method-handle fallback: the lambda class the JIT compiler can inline.
        assertThat(made.getClass().isHidden()).isTrue();
        assertThat(made.getClass().getNestHost()).isEqualTo(Hidden.class.getNestHost());
    }

    @Test
    void theHandleFallbackMakesObjectsAndPassesExceptionsThrough() throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(Refusing.class, MethodHandles.lookup());
        Supplier<Object> refusing = Instantiator.ofHandle(lookup.findConstructor(Refusing.class, MethodType.methodType(void.class)));
        assertThatThrownBy(refusing::get).isInstanceOf(IOException.class).hasMessage("no disk");
        Supplier<Object> hidden = Instantiator.ofHandle(MethodHandles.privateLookupIn(Hidden.class, MethodHandles.lookup())
                .findConstructor(Hidden.class, MethodType.methodType(void.class)));
        assertThat(hidden.get()).isInstanceOf(Hidden.class).isNotSameAs(hidden.get());
    }

    @Test
    void aConstructorsExceptionReachesTheLoaderAsAnErrorNamingTheClass() {
        Registry.of(Refusing.class, Failing.class);
        assertThatThrownBy(() -> EntityMappings.of(Refusing.class).newInstance()).isInstanceOf(InvalidRequestError.class)
                .hasMessageContaining("The constructor of " + Refusing.class.getName() + " failed").hasCauseInstanceOf(IOException.class);
        // An unchecked exception is the constructor's own, as `new` would throw it.
        assertThatThrownBy(() -> EntityMappings.of(Failing.class).newInstance()).isInstanceOf(IllegalStateException.class)
                .hasMessage("broken");
    }

    @Test
    void aClassWithoutANoArgumentConstructorIsAMappingError() {
        assertThatThrownBy(() -> Registry.of(NoDefault.class)).isInstanceOf(MappingError.class)
                .hasMessageContaining(NoDefault.class.getName()).hasMessageContaining("no-argument constructor");
    }
}
