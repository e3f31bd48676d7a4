package org.printscout.mib.declarative.internal;

import java.nio.file.Path;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code scout:mapping-test FILE.mapping.xml WALK.snmprec}. Gogo calls a command object's method
 * named like the function, and "mapping-test" is no Java method name; a service that implements
 * Gogo's {@link Function} is called directly instead (CommandProxy.execute, Gogo runtime 1.1), so the
 * command keeps the name the documentation uses.
 */
@Component(service = Function.class, property = {"osgi.command.scope=scout", "osgi.command.function=mapping-test"})
public final class MappingTestCommand implements Function {

    static final String USAGE = "usage: scout:mapping-test FILE.mapping.xml WALK.snmprec\n"
            + "  checks a mapping file and applies it to a recorded walk (e.g. from scout:walk --out), offline";

    private final MappingTest test;

    @Activate
    public MappingTestCommand() {
        this.test = new MappingTest(new MappingReader());
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        if (arguments.size() != 2) {
            return USAGE + "\n";
        }
        return test.run(Path.of(String.valueOf(arguments.get(0))), Path.of(String.valueOf(arguments.get(1)))).text();
    }
}
