package io.asyncorm.dialect;

/** Whether an optional driver is on the class path, so dialects touch its own API only when it is. */
final class OptionalDrivers {

    private OptionalDrivers() {
    }

    static boolean present(String className, Class<?> asker) {
        try {
            Class.forName(className, false, asker.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
