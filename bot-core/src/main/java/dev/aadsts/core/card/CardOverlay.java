package dev.aadsts.core.card;

/**
 * Changes an organization makes to our cards (see {@code dev.aadsts.core.overlay}). Applied to the catalog
 * half of a card, once per code, before the paste's facts are added.
 */
@FunctionalInterface
public interface CardOverlay {
    CardOverlay NONE = card -> card;

    Card apply(Card card);
}
