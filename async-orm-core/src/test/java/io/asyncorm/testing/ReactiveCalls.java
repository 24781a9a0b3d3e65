package io.asyncorm.testing;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import java.util.Set;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;

/** The method calls the architecture tests of every module forbid in main code: blocking and detached subscribing. */
public final class ReactiveCalls {

    private static final Set<String> BLOCKING = Set.of("block", "blockFirst", "blockLast", "blockOptional",
            "toIterable", "toStream", "toFuture");

    private ReactiveCalls() {
    }

    /**
     * A call that blocks on a Mono or Flux.
     *
     * @return the predicate
     */
    public static DescribedPredicate<JavaMethodCall> blocking() {
        return DescribedPredicate.describe("a blocking call on a Mono or Flux",
                call -> call.getTargetOwner().isAssignableTo(Publisher.class) && BLOCKING.contains(call.getName()));
    }

    /**
     * A {@code subscribe} call without a Subscriber (fire and forget: escapes cancellation, loses errors).
     *
     * @return the predicate
     */
    public static DescribedPredicate<JavaMethodCall> detachedSubscribe() {
        return DescribedPredicate.describe("subscribe() without a Subscriber",
                call -> call.getTargetOwner().isAssignableTo(Publisher.class) && call.getName().equals("subscribe")
                        && !(call.getTarget().getRawParameterTypes().size() == 1
                                && call.getTarget().getRawParameterTypes().get(0).isAssignableTo(Subscriber.class)));
    }
}
