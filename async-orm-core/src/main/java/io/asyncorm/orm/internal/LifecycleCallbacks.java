package io.asyncorm.orm.internal;

import io.asyncorm.exception.MappingError;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreRemove;
import jakarta.persistence.PreUpdate;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An entity's JPA lifecycle callbacks ({@code @PrePersist} ... {@code @PostLoad}, on the entity, its mapped
 * superclasses and its {@code @EntityListeners}), run by the session at the matching entity event: synchronously, in
 * JPA's order (listener classes first, superclass methods before subclass methods). They must not do I/O.
 */
public final class LifecycleCallbacks {

    /** When callbacks run; the names are those of the session's entity events. */
    public enum Phase {
        /** {@code @PrePersist}: before the INSERT, in the flush. */
        BEFORE_INSERT(PrePersist.class),
        /** {@code @PostPersist}: after the INSERT (generated keys are set). */
        AFTER_INSERT(PostPersist.class),
        /** {@code @PreUpdate}: before the UPDATE of a changed object; changes made here are written. */
        BEFORE_UPDATE(PreUpdate.class),
        /** {@code @PostUpdate}: after the UPDATE. */
        AFTER_UPDATE(PostUpdate.class),
        /** {@code @PreRemove}: before the DELETE, in the flush. */
        BEFORE_DELETE(PreRemove.class),
        /** {@code @PostRemove}: after the DELETE. */
        AFTER_DELETE(PostRemove.class),
        /** {@code @PostLoad}: when a row first becomes an object of the session. */
        LOAD(PostLoad.class);

        private final Class<? extends Annotation> annotation;

        Phase(Class<? extends Annotation> annotation) {
            this.annotation = annotation;
        }

        static boolean isCallback(Annotation annotation) {
            for (Phase phase : values()) {
                if (phase.annotation == annotation.annotationType()) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final LifecycleCallbacks NONE = new LifecycleCallbacks(new EnumMap<>(Phase.class));

    private final Map<Phase, List<Consumer<Object>>> calls;

    private LifecycleCallbacks(Map<Phase, List<Consumer<Object>>> calls) {
        this.calls = calls;
    }

    /**
     * Reads the callbacks of an entity class.
     *
     * @param type the entity class
     * @return its callbacks
     * @throws MappingError when a callback method has the wrong signature or a listener cannot be created
     */
    public static LifecycleCallbacks of(Class<?> type) {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c == type || c.isAnnotationPresent(MappedSuperclass.class)) {
                hierarchy.add(0, c);
            }
        }
        Map<Phase, List<Consumer<Object>>> calls = new EnumMap<>(Phase.class);
        for (Class<?> c : hierarchy) {
            EntityListeners listeners = c.getAnnotation(EntityListeners.class);
            if (listeners != null) {
                for (Class<?> listenerType : listeners.value()) {
                    Object listener = instantiate(listenerType, type);
                    for (Method method : listenerType.getDeclaredMethods()) {
                        add(calls, method, listener, 1);
                    }
                }
            }
        }
        for (Class<?> c : hierarchy) {
            for (Method method : c.getDeclaredMethods()) {
                add(calls, method, null, 0);
            }
        }
        return calls.isEmpty() ? NONE : new LifecycleCallbacks(calls);
    }

    /**
     * Whether there are callbacks for a phase.
     *
     * @param phase the phase
     * @return whether {@link #run} would call anything
     */
    public boolean has(Phase phase) {
        return this.calls.containsKey(phase);
    }

    /**
     * Calls the callbacks of a phase on an object.
     *
     * @param phase the phase
     * @param entity the object
     */
    public void run(Phase phase, Object entity) {
        for (Consumer<Object> call : this.calls.getOrDefault(phase, List.of())) {
            call.accept(entity);
        }
    }

    private static void add(Map<Phase, List<Consumer<Object>>> calls, Method method, @Nullable Object listener, int parameters) {
        for (Phase phase : Phase.values()) {
            if (!method.isAnnotationPresent(phase.annotation)) {
                continue;
            }
            String where = method.getDeclaringClass().getName() + "." + method.getName() + "()";
            if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != parameters) {
                throw new MappingError(where + ": a @" + phase.annotation.getSimpleName() + " method "
                        + (parameters == 0 ? "of an entity takes no parameters" : "of an entity listener takes the entity")
                        + " and is not static");
            }
            method.setAccessible(true);
            calls.computeIfAbsent(phase, key -> new ArrayList<>()).add(entity -> invoke(method, listener == null ? entity : listener,
                    listener == null ? new Object[0] : new Object[] {entity}));
        }
    }

    private static void invoke(Method method, Object target, Object[] arguments) {
        try {
            method.invoke(target, arguments);
        } catch (InvocationTargetException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(method + " failed", cause);
        } catch (IllegalAccessException ex) {
            throw new IllegalStateException(method + " cannot be called", ex);
        }
    }

    private static Object instantiate(Class<?> listenerType, Class<?> entity) {
        try {
            var constructor = listenerType.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException ex) {
            throw new MappingError(entity.getName() + ": entity listener " + listenerType.getName()
                    + " needs a no-argument constructor (" + ex + ")");
        }
    }
}
