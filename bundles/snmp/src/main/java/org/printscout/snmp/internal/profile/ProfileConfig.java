package org.printscout.snmp.internal.profile;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "PrintScout SNMP credential",
        description = "One credential of a credential profile. Credentials with the same profile name form that profile,"
                + " tried in ascending order")
@interface ProfileConfig {

    @AttributeDefinition(name = "Profile", description = "Name of the profile this credential belongs to")
    String name() default "default";

    @AttributeDefinition(name = "Order", description = "Position in the profile; lower is tried first", min = "-1000000", max = "1000000")
    int order() default 0;

    @AttributeDefinition(name = "SNMP version", options = {
        @Option(label = "v1", value = "1"), @Option(label = "v2c", value = "2c"), @Option(label = "v3", value = "3")})
    String version() default "2c";

    @AttributeDefinition(name = "Community", description = "v1/v2c community", type = AttributeType.PASSWORD)
    String community() default "public";

    @AttributeDefinition(name = "User", description = "v3 user name")
    String user() default "";

    @AttributeDefinition(name = "Security level", options = {
        @Option(label = "noAuthNoPriv", value = "noAuthNoPriv"), @Option(label = "authNoPriv", value = "authNoPriv"),
        @Option(label = "authPriv", value = "authPriv")})
    String level() default "authPriv";

    @AttributeDefinition(name = "Authentication protocol", options = {
        @Option(label = "MD5", value = "MD5"), @Option(label = "SHA-1", value = "SHA"),
        @Option(label = "SHA-224", value = "SHA-224"), @Option(label = "SHA-256", value = "SHA-256"),
        @Option(label = "SHA-384", value = "SHA-384"), @Option(label = "SHA-512", value = "SHA-512")})
    String authProtocol() default "SHA";

    @AttributeDefinition(name = "Authentication passphrase", description = "At least 8 characters", type = AttributeType.PASSWORD)
    String authPassphrase() default "";

    @AttributeDefinition(name = "Privacy protocol",
            description = "AES-192/AES-256 as net-snmp (Blumenthal key extension); AES-192C/AES-256C as Cisco-style agents (3DES key extension)",
            options = {
                @Option(label = "DES", value = "DES"), @Option(label = "3DES", value = "3DES"),
                @Option(label = "AES-128", value = "AES"), @Option(label = "AES-192", value = "AES-192"),
                @Option(label = "AES-256", value = "AES-256"), @Option(label = "AES-192C", value = "AES-192C"),
                @Option(label = "AES-256C", value = "AES-256C")})
    String privProtocol() default "AES";

    @AttributeDefinition(name = "Privacy passphrase", description = "At least 8 characters", type = AttributeType.PASSWORD)
    String privPassphrase() default "";

    @AttributeDefinition(name = "Context", description = "v3 context name; usually empty")
    String context() default "";

    @AttributeDefinition(name = "Timeout (ms)", description = "Per attempt; 0 uses the SNMP service default", min = "0", max = "60000")
    int timeoutMillis() default 0;

    @AttributeDefinition(name = "Retries", description = "Attempts after the first; -1 uses the SNMP service default", min = "-1", max = "10")
    int retries() default -1;

    @AttributeDefinition(name = "Variables per request", description = "0 uses the SNMP service default", min = "0", max = "1000")
    int maxVarbinds() default 0;

    @AttributeDefinition(name = "GETBULK repetitions", description = "0 uses the SNMP service default", min = "0", max = "1000")
    int maxRepetitions() default 0;
}
