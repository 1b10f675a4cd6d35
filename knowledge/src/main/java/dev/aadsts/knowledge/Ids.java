package dev.aadsts.knowledge;

import java.util.function.Function;

/** Looks up an enum constant by the id the catalog files and the JSON contract spell it with. */
final class Ids {
    private Ids() {
    }

    static <E extends Enum<E>> E byId(E[] values, Function<E, String> id, String wanted, String what) {
        for (E value : values) {
            if (id.apply(value).equals(wanted)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + wanted + "'");
    }
}
