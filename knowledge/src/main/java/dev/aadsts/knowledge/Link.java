package dev.aadsts.knowledge;

/** A labelled web link shown on a card. */
public record Link(String label, String url) {
}
