package io.asyncorm.orm.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes one field through its getter and setter handles, typed {@code (Object)Object} and
 * {@code (Object,Object)void}. A handle held in an instance field is opaque to the JIT compiler: every call goes through
 * three generic method-handle frames, which were the largest item of a selectinload's own profile. Once a field has been
 * read or written {@value #HOT} times ({@link FieldAccess} counts), {@link #constant()} puts the handles into the static
 * final fields of a small hidden class made for the field, where the compiler treats them as constants and compiles a
 * call down to the field access itself (field access and allocation in a W5a load's profile: 7.9% -> 3.9%, with
 * {@link Instantiator}). A hidden class costs about 2.7 KB of metaspace and 40 us to define, so fields an application
 * rarely touches keep the handles.
 */
abstract class FieldAccessor {

    /** Reads and writes of a field before it gets its hidden class. */
    static final int HOT = 1_000;

    /** The hidden classes' name before the JVM's suffix: in this package, whose lookup defines them. */
    private static final String NAME = "io/asyncorm/orm/internal/FieldAccessor$Field";

    private static final String SUPER = "io/asyncorm/orm/internal/FieldAccessor";

    private static final byte[] BYTES = classBytes();

    FieldAccessor() {
    }

    /**
     * The field's value.
     *
     * @param target the object holding the field
     * @return the value
     */
    public abstract @Nullable Object get(Object target);

    /**
     * Sets the field.
     *
     * @param target the object holding the field
     * @param value the value
     */
    public abstract void set(Object target, @Nullable Object value);

    /**
     * This accessor, or one that calls the same handles from a hidden class, for a field that has become hot.
     *
     * @return the accessor to use from now on
     */
    FieldAccessor constant() {
        return this;
    }

    /**
     * An accessor calling the handles from a hidden class made now, or (where one cannot be made) from instance fields.
     *
     * @param getter the getter, typed {@code (Object)Object}
     * @param setter the setter, typed {@code (Object,Object)void}
     * @return the accessor
     */
    static FieldAccessor constant(MethodHandle getter, MethodHandle setter) {
        try {
            MethodHandles.Lookup defined = MethodHandles.lookup().defineHiddenClassWithClassData(BYTES, List.of(getter, setter), true);
            return (FieldAccessor) defined.findConstructor(defined.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable refused) {
            // Same behaviour, only slower.
            return handles(getter, setter);
        }
    }

    /**
     * An accessor holding the handles in instance fields.
     *
     * @param getter the getter, typed {@code (Object)Object}
     * @param setter the setter, typed {@code (Object,Object)void}
     * @return the accessor
     */
    static FieldAccessor handles(MethodHandle getter, MethodHandle setter) {
        return new Handles(getter, setter);
    }

    /** The handles in instance fields: a field's accessor until it is hot, and where no hidden class can be made. */
    private static final class Handles extends FieldAccessor {

        private final MethodHandle getter;

        private final MethodHandle setter;

        Handles(MethodHandle getter, MethodHandle setter) {
            this.getter = getter;
            this.setter = setter;
        }

        @Override
        public @Nullable Object get(Object target) {
            try {
                return (Object) this.getter.invokeExact(target);
            } catch (Throwable ex) {
                throw FieldAccessor.<RuntimeException>undeclared(ex);
            }
        }

        @Override
        public void set(Object target, @Nullable Object value) {
            try {
                this.setter.invokeExact(target, value);
            } catch (Throwable ex) {
                throw FieldAccessor.<RuntimeException>undeclared(ex);
            }
        }

        @Override
        FieldAccessor constant() {
            return FieldAccessor.constant(this.getter, this.setter);
        }
    }

    /**
     * Throws an exception without declaring it, as a constructor or field access called directly would.
     *
     * @param ex the exception
     * @param <E> what the compiler takes it for
     * @return never returns
     * @throws E always: {@code ex}
     */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> E undeclared(Throwable ex) throws E {
        throw (E) ex;
    }

    /**
     * The class file of every field's hidden class (its class data, the two handles, differs):
     * <pre>
     * final class FieldAccessor$Field extends FieldAccessor {
     *     private static final MethodHandle GET = classDataAt(lookup(), "_", MethodHandle.class, 0);
     *     private static final MethodHandle SET = classDataAt(lookup(), "_", MethodHandle.class, 1);
     *     public Object get(Object target) { return (Object) GET.invokeExact(target); }
     *     public void set(Object target, Object value) { SET.invokeExact(target, value); }
     * }
     * </pre>
     * No method branches, so none needs a stack map.
     */
    private static byte[] classBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(61);
            // The constant pool, numbered from 1.
            String[] utf8 = {
                NAME, SUPER, "GET", "SET", "Ljava/lang/invoke/MethodHandle;", "<init>", "()V", "java/lang/invoke/MethodHandles", "lookup",
                "()Ljava/lang/invoke/MethodHandles$Lookup;", "classDataAt",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)Ljava/lang/Object;", "_",
                "java/lang/invoke/MethodHandle", "invokeExact", "(Ljava/lang/Object;)Ljava/lang/Object;",
                "(Ljava/lang/Object;Ljava/lang/Object;)V", "get", "set", "Code", "<clinit>"};
            // Utf8 entries take 1..21; the others follow.
            int thisClass = 22;
            int superClass = 23;
            int handlesClass = 24;
            int factoryClass = 25;
            int underscore = 26;
            int getField = 28;
            int setField = 30;
            int superInit = 32;
            int lookup = 34;
            int classData = 36;
            int invokeGet = 38;
            int invokeSet = 40;
            out.writeShort(41);
            for (String text : utf8) {
                out.writeByte(1);
                out.writeUTF(text);
            }
            classEntry(out, 1);
            classEntry(out, 2);
            classEntry(out, 14);
            classEntry(out, 8);
            out.writeByte(8);
            out.writeShort(13);
            memberEntry(out, getField, 9, thisClass, 3, 5);
            memberEntry(out, setField, 9, thisClass, 4, 5);
            memberEntry(out, superInit, 10, superClass, 6, 7);
            memberEntry(out, lookup, 10, factoryClass, 9, 10);
            memberEntry(out, classData, 10, factoryClass, 11, 12);
            memberEntry(out, invokeGet, 10, handlesClass, 15, 16);
            memberEntry(out, invokeSet, 10, handlesClass, 15, 17);
            // final class, extends FieldAccessor, no interfaces.
            out.writeShort(0x0030);
            out.writeShort(thisClass);
            out.writeShort(superClass);
            out.writeShort(0);
            out.writeShort(2);
            for (int name : new int[] {3, 4}) {
                out.writeShort(0x001A);
                out.writeShort(name);
                out.writeShort(5);
                out.writeShort(0);
            }
            out.writeShort(4);
            ByteArrayOutputStream init = new ByteArrayOutputStream();
            DataOutputStream clinit = new DataOutputStream(init);
            for (int index = 0; index < 2; index++) {
                clinit.writeByte(0xB8);
                clinit.writeShort(lookup);
                clinit.writeByte(0x12);
                clinit.writeByte(underscore);
                clinit.writeByte(0x12);
                clinit.writeByte(handlesClass);
                clinit.writeByte(0x03 + index);
                clinit.writeByte(0xB8);
                clinit.writeShort(classData);
                clinit.writeByte(0xC0);
                clinit.writeShort(handlesClass);
                clinit.writeByte(0xB3);
                clinit.writeShort(index == 0 ? getField : setField);
            }
            clinit.writeByte(0xB1);
            method(out, 0x0008, 21, 7, 4, 0, init.toByteArray());
            method(out, 0x0001, 6, 7, 1, 1, new byte[] {0x2A, (byte) 0xB7, 0, (byte) superInit, (byte) 0xB1});
            method(out, 0x0011, 18, 16, 2, 2, new byte[] {(byte) 0xB2, 0, (byte) getField, 0x2B, (byte) 0xB6, 0, (byte) invokeGet,
                (byte) 0xB0});
            method(out, 0x0011, 19, 17, 3, 3, new byte[] {(byte) 0xB2, 0, (byte) setField, 0x2B, 0x2C, (byte) 0xB6, 0, (byte) invokeSet,
                (byte) 0xB1});
            out.writeShort(0);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void classEntry(DataOutputStream out, int name) throws IOException {
        out.writeByte(7);
        out.writeShort(name);
    }

    /** A field or method reference (tag 9 or 10) at {@code index}, after its name-and-type entry at the index before it. */
    private static void memberEntry(DataOutputStream out, int index, int tag, int owner, int name, int descriptor) throws IOException {
        out.writeByte(12);
        out.writeShort(name);
        out.writeShort(descriptor);
        out.writeByte(tag);
        out.writeShort(owner);
        out.writeShort(index - 1);
    }

    private static void method(DataOutputStream out, int access, int name, int descriptor, int maxStack, int maxLocals, byte[] code)
            throws IOException {
        out.writeShort(access);
        out.writeShort(name);
        out.writeShort(descriptor);
        out.writeShort(1);
        out.writeShort(20);
        out.writeInt(12 + code.length);
        out.writeShort(maxStack);
        out.writeShort(maxLocals);
        out.writeInt(code.length);
        out.write(code);
        out.writeShort(0);
        out.writeShort(0);
    }
}
