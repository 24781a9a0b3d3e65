package io.asyncorm.dialect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Finds a constraint name in a driver message; the dialects share it because only their patterns differ. */
final class ConstraintNames {

    private ConstraintNames() {
    }

    static @Nullable String firstGroup(@Nullable String message, Pattern... patterns) {
        if (message == null) {
            return null;
        }
        for (Pattern pattern : patterns) {
            Matcher matcher = pattern.matcher(message);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return null;
    }
}
