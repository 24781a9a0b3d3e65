package io.asyncorm.orm.internal;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Supplier;

/**
 * Makes an entity class's new instances through its no-argument constructor. Where the class's lookup allows it (the
 * class path, or a module that opens the package to this one), the constructor is called from a lambda class made for
 * it, which the JIT compiler inlines as it would {@code new}; otherwise from a method handle held in a field, which it
 * cannot: every object then costs an indirect call and an allocation outside compiled code.
 */
final class Instantiator {

    private Instantiator() {
    }

    /**
     * The constructor of a concrete class as a supplier.
     *
     * @param type the class
     * @return a supplier of new instances; a constructor's checked exception passes through it undeclared
     * @throws ReflectiveOperationException when the constructor is missing or not accessible
     */
    @SuppressWarnings("unchecked")
    static Supplier<Object> of(Class<?> type) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        MethodHandle constructor = lookup.findConstructor(type, MethodType.methodType(void.class));
        try {
            return (Supplier<Object>) LambdaMetafactory.metafactory(lookup, "get", MethodType.methodType(Supplier.class),
                    MethodType.methodType(Object.class), constructor, MethodType.methodType(type)).getTarget().invoke();
        } catch (Throwable notAllowed) {
            // A lookup without full privilege (a named module that only opens the package) cannot define the lambda class.
            return ofHandle(constructor);
        }
    }

    /**
     * A constructor's method handle as a supplier, for classes {@link #of} cannot make a lambda class for.
     *
     * @param constructor the handle of a no-argument constructor
     * @return a supplier of new instances; a constructor's checked exception passes through it undeclared
     */
    static Supplier<Object> ofHandle(MethodHandle constructor) {
        MethodHandle generic = constructor.asType(MethodType.methodType(Object.class));
        return () -> {
            try {
                return generic.invokeExact();
            } catch (Throwable ex) {
                // As the lambda class would: the constructor's own exception, checked or not.
                throw FieldAccessor.<RuntimeException>undeclared(ex);
            }
        };
    }
}
