package dev.aadsts.core.card;

/** A labelled value taken from the user's paste; {@code id} is the JSON contract's key for it. */
public record Fact(String id, String label, String value) {
}
