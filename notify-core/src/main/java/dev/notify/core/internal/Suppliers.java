package dev.notify.core.internal;

import java.util.function.Supplier;

/** Makes what a command line names by class: a {@code Supplier<T>} with a public no-arg constructor. */
public final class Suppliers {
    private Suppliers() {
    }

    /**
     * @param <T> what the supplier must supply
     * @param className a {@code Supplier<T>} with a public no-arg constructor
     * @param type what the supplier must supply, such as {@code Router}
     * @return what it supplies
     * @throws IllegalArgumentException naming the class and what is wrong with it
     */
    public static <T> T supplied(String className, Class<T> type) {
        Object supplier;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> found = Class.forName(className, true, loader != null ? loader : Suppliers.class.getClassLoader());
            supplier = found.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("class " + className + " is not on the class path", e);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(className + " needs a public no-arg constructor", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot make a " + className + ": " + e, e);
        }
        if (!(supplier instanceof Supplier<?> supplying)) {
            throw new IllegalArgumentException(className + " must implement java.util.function.Supplier<"
                    + type.getSimpleName() + ">");
        }
        Object supplied = supplying.get();
        if (!type.isInstance(supplied)) {
            throw new IllegalArgumentException(className + ".get() must return a " + type.getName() + " but returned "
                    + (supplied == null ? "null" : supplied.getClass().getName()));
        }
        return type.cast(supplied);
    }
}
