package io.asyncorm.orm.internal;

import io.asyncorm.exception.MappingError;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Modifier;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.InvocationHandlerAdapter;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Makes the placeholders of lazy references: for an entity class {@code B}, a generated subclass whose
 * every overridable method throws {@link io.asyncorm.exception.ImplicitIoException} (or
 * {@link io.asyncorm.exception.DetachedInstanceError}), except the id getter, which answers the key,
 * {@code toString}, and identity {@code equals}/{@code hashCode}. One class per entity class, defined in
 * the entity's package; instances are made through the no-argument constructor.
 */
final class ReferenceProxies {

    private static final String HANDLER = "asyncOrmHandler";

    private static final ClassValue<Class<?>> PROXY_CLASSES = new ClassValue<>() {
        @Override
        protected Class<?> computeValue(Class<?> type) {
            return define(type);
        }
    };

    private ReferenceProxies() {
    }

    /** Checks at mapping time that a class can have placeholders. */
    static void check(Class<?> type, String where) {
        if (Modifier.isFinal(type.getModifiers())) {
            throw new MappingError(where + ": a lazy reference to the final class " + type.getName() + " needs a placeholder "
                    + "subclass; make the class non-final or load the reference eagerly");
        }
    }

    /**
     * A placeholder for the object with a key, owned by an attribute of another object.
     *
     * @param target the target's mapping
     * @param key the target's key, as its identity key holds it (the id field's value, or the list of a composite key's parts)
     * @param owner the state of the object holding the reference
     * @param attribute the reference attribute
     * @return the placeholder, an instance of a subclass of the target class
     */
    static Object create(EntityMapping<?> target, Object key, EntityState owner, String attribute) {
        Class<?> proxyClass = proxyClass(target.entityType());
        Object proxy;
        try {
            var constructor = proxyClass.getDeclaredConstructor();
            constructor.setAccessible(true);
            proxy = constructor.newInstance();
            proxyClass.getField(HANDLER).set(proxy, handler(target, key, owner, attribute));
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("Cannot create the placeholder of " + target.entityType().getName(), ex);
        }
        return proxy;
    }

    /** The placeholder class of an entity class, defined on first use. */
    static Class<?> proxyClass(Class<?> type) {
        return PROXY_CLASSES.get(type);
    }

    private static InvocationHandler handler(EntityMapping<?> target, Object key, EntityState owner, String attribute) {
        // A one-column key answers its field's getter without loading; a composite key's parts are not a field value.
        String idField = target.key().isComposite() ? "" : target.id().attribute();
        String idGetter = idField.isEmpty() ? "" : "get" + Character.toUpperCase(idField.charAt(0)) + idField.substring(1);
        String description = target.entityType().getSimpleName() + "<unloaded "
                + (idField.isEmpty() ? "key" : idField) + "=" + key + ">";
        return (proxy, method, arguments) -> {
            String name = method.getName();
            int count = method.getParameterCount();
            if (name.equals("asyncOrmKey") && count == 0) {
                return key;
            }
            if (!idField.isEmpty() && (name.equals(idGetter) || name.equals(idField)) && count == 0) {
                return key;
            }
            if (name.equals("toString") && count == 0) {
                return description;
            }
            if (name.equals("hashCode") && count == 0) {
                return System.identityHashCode(proxy);
            }
            if (name.equals("equals") && count == 1) {
                return proxy == arguments[0];
            }
            Object loaded = SyncLoader.loadIfAllowed(owner, attribute);
            if (loaded != null && !(loaded instanceof UnloadedReference)) {
                try {
                    method.setAccessible(true);
                    return method.invoke(loaded, arguments);
                } catch (java.lang.reflect.InvocationTargetException ex) {
                    throw ex.getCause();
                }
            }
            throw UnloadedAttribute.error(owner, attribute);
        };
    }

    /**
     * Defines the placeholder class once. {@link ClassValue} may compute a value on several threads at once (the first
     * lazy reference of a type, loaded by concurrent requests), and defining the same class name twice is a
     * {@code LinkageError}: so definitions are serialized and a class already defined is looked up instead.
     */
    private static synchronized Class<?> define(Class<?> type) {
        String name = type.getName() + "$AsyncOrmUnloaded";
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            try {
                return Class.forName(name, false, type.getClassLoader());
            } catch (ClassNotFoundException notYetDefined) {
                // define it below
            }
            return new ByteBuddy()
                    .subclass(type)
                    .name(name)
                    .implement(UnloadedReference.class)
                    .defineField(HANDLER, InvocationHandler.class, Visibility.PUBLIC)
                    .method(ElementMatchers.not(ElementMatchers.isFinalizer()))
                    .intercept(InvocationHandlerAdapter.toField(HANDLER))
                    .make()
                    .load(type.getClassLoader(), ClassLoadingStrategy.UsingLookup.of(lookup))
                    .getLoaded();
        } catch (IllegalAccessException ex) {
            throw new MappingError(type.getName() + ": cannot define a placeholder subclass in its package (" + ex.getMessage()
                    + "); if the entity is in a named module, open its package to io.asyncorm");
        }
    }

}
