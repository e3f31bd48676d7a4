package org.printscout.api.command;

import java.util.Objects;

/**
 * A remote command queued on the portal.
 *
 * @param id the portal's id, echoed in the result
 * @param code what to do (see {@link CommandHandler#CODE})
 * @param parameter the command's argument, possibly empty
 */
public record Command(String id, int code, String parameter) {
    public Command {
        Objects.requireNonNull(id, "id");
        parameter = parameter == null ? "" : parameter;
    }
}
