package dev.aadsts.core.command;

/** One line of help: what to type after the platform's command word, and what it does. */
public record HelpLine(String usage, String description) {
}
