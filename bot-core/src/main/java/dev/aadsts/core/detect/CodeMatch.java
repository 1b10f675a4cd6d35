package dev.aadsts.core.detect;

/** One place in the text where a code stands; {@code start}/{@code end} bound the code's digits. */
public record CodeMatch(String code, int start, int end, Shape shape) {
}
