package dev.aadsts.core.detect;

/** How long a code's digit run is: Entra's codes have 5 to 8 digits. */
final class CodeDetectorLimits {
    static final int MIN_DIGITS = 5;
    static final int MAX_DIGITS = 8;

    private CodeDetectorLimits() {
    }
}
