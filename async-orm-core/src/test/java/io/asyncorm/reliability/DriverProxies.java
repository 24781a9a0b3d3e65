package io.asyncorm.reliability;

import io.r2dbc.spi.Wrapped;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Proxies of driver objects (connections, statements, results) for the fault suites: each call goes to the driver's
 * object, {@code unwrap} and {@code Object} methods behave, a call that returns the target returns the proxy, and the
 * suite decides what to make of every other result (observe a publisher, proxy a statement, replace a ROLLBACK).
 */
final class DriverProxies {

    /** What a proxy does with a call; {@code call} invokes the driver's method. */
    @FunctionalInterface
    interface Handler {

        Object handle(Method method, Object[] args, Call call) throws Throwable;
    }

    /** Invokes the driver's method. */
    @FunctionalInterface
    interface Call {

        Object invoke() throws Throwable;
    }

    private DriverProxies() {
    }

    static <T> T proxy(Class<T> type, Object target, Handler handler) {
        return type.cast(Proxy.newProxyInstance(DriverProxies.class.getClassLoader(), new Class<?>[] {type, Wrapped.class},
                (self, method, args) -> {
                    if (method.getName().equals("unwrap") && method.getDeclaringClass() == Wrapped.class) {
                        if (args == null || args.length == 0) {
                            return target;
                        }
                        Class<?> wanted = (Class<?>) args[0];
                        return wanted.isInstance(target) ? target : target instanceof Wrapped<?> wrapped ? wrapped.unwrap(wanted) : null;
                    }
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> self == args[0];
                            case "hashCode" -> System.identityHashCode(self);
                            default -> "proxy:" + target;
                        };
                    }
                    Object result = handler.handle(method, args, () -> {
                        try {
                            return method.invoke(target, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
                    return result == target ? self : result;
                }));
    }
}
