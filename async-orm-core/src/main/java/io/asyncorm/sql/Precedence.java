package io.asyncorm.sql;

/** SQL operator precedence, loosest first, so the compiler writes only the parentheses SQL needs. */
final class Precedence {

    static final int NONE = 0;

    static final int OR = 1;

    static final int AND = 2;

    static final int NOT = 3;

    static final int COMPARISON = 4;

    static final int CONCAT = 5;

    static final int ADDITIVE = 6;

    static final int MULTIPLICATIVE = 7;

    static final int ATOM = 10;

    private Precedence() {
    }

    static int of(String operator) {
        return switch (operator.trim()) {
            case "+", "-" -> ADDITIVE;
            case "*", "/" -> MULTIPLICATIVE;
            default -> COMPARISON;
        };
    }
}
