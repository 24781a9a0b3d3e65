package io.asyncorm.orm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import org.junit.jupiter.api.Test;

/**
 * Field access through handles, and through a hidden class per field once the field is hot: the same behaviour either
 * way, each field its own class.
 */
class FieldAccessorTests {

    static final class Target {
        private String name = "initial";

        private long count;

        private final String fixed = "fixed";
    }

    @Test
    void eachFieldGetsAHiddenClassOfItsOwnThatReadsAndWritesIt() throws ReflectiveOperationException {
        FieldAccessor name = accessor("name");
        FieldAccessor count = accessor("count");
        // The constant-handle class, not the fallback that holds the handles in fields.
        assertThat(name.getClass().isHidden()).isTrue();
        assertThat(name.getClass()).isNotSameAs(count.getClass());
        Target target = new Target();
        assertThat(name.get(target)).isEqualTo("initial");
        name.set(target, "changed");
        count.set(target, 42L);
        assertThat(target.name).isEqualTo("changed");
        assertThat(target.count).isEqualTo(42L);
        assertThat(count.get(target)).isEqualTo(42L);
        name.set(target, null);
        assertThat(target.name).isNull();
    }

    @Test
    void wrongValuesAndFinalFieldsFailAsTheHandlesDo() throws ReflectiveOperationException {
        Target target = new Target();
        assertThatThrownBy(() -> accessor("name").set(target, 5)).isInstanceOf(ClassCastException.class);
        assertThatThrownBy(() -> accessor("count").set(target, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> accessor("name").get("not a target")).isInstanceOf(ClassCastException.class);
        FieldAccessor fixed = accessor("fixed");
        assertThat(fixed.get(target)).isEqualTo("fixed");
        assertThatThrownBy(() -> fixed.set(target, "other")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aFieldGetsItsHiddenClassOnceHot() throws ReflectiveOperationException {
        FieldAccess name = new FieldAccess(Target.class.getDeclaredField("name"));
        Target target = new Target();
        for (int i = 1; i < FieldAccessor.HOT; i++) {
            name.set(target, "call " + i);
        }
        assertThat(name.hot()).isFalse();
        assertThat(name.get(target)).isEqualTo("call " + (FieldAccessor.HOT - 1));
        assertThat(name.hot()).isTrue();
        name.set(target, "after");
        assertThat(target.name).isEqualTo("after");
        assertThat(name.get(target)).isEqualTo("after");
    }

    @Test
    void theFallbackBehavesTheSame() throws ReflectiveOperationException {
        VarHandle handle = MethodHandles.privateLookupIn(Target.class, MethodHandles.lookup()).unreflectVarHandle(Target.class.getDeclaredField("name"));
        MethodHandle getter = handle.toMethodHandle(VarHandle.AccessMode.GET).asType(MethodType.methodType(Object.class, Object.class));
        MethodHandle setter = handle.toMethodHandle(VarHandle.AccessMode.SET).asType(MethodType.methodType(void.class, Object.class, Object.class));
        FieldAccessor fallback = FieldAccessor.handles(getter, setter);
        assertThat(fallback.getClass().isHidden()).isFalse();
        Target target = new Target();
        fallback.set(target, "set");
        assertThat(fallback.get(target)).isEqualTo("set");
        assertThatThrownBy(() -> fallback.set(target, 5)).isInstanceOf(ClassCastException.class);
    }

    private static FieldAccessor accessor(String field) throws ReflectiveOperationException {
        VarHandle handle = MethodHandles.privateLookupIn(Target.class, MethodHandles.lookup()).unreflectVarHandle(Target.class.getDeclaredField(field));
        return FieldAccessor.constant(handle.toMethodHandle(VarHandle.AccessMode.GET).asType(MethodType.methodType(Object.class, Object.class)),
                handle.toMethodHandle(VarHandle.AccessMode.SET).asType(MethodType.methodType(void.class, Object.class, Object.class)));
    }
}
