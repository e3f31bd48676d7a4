package org.printscout.api.command;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs one kind of remote command. Register as a service with the numeric code in the
 * {@value #CODE} property; the dispatcher finds handlers by that code and answers "unsupported" for
 * codes no handler claims.
 */
@ConsumerType
public interface CommandHandler {

    /** Service property with the command code this handler runs (an Integer). */
    String CODE = "printscout.command.code";

    /** Runs the command; exceptions are reported to the portal as a failed result. */
    CommandResult execute(Command command) throws Exception;
}
