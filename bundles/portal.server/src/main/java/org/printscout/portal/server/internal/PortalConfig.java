package org.printscout.portal.server.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "PrintScout reference portal", description = "Importer API for agents, SQL storage and the web page")
@interface PortalConfig {

    @AttributeDefinition(name = "JDBC URL", description = "jdbc:h2:<file> (embedded, default) or jdbc:postgresql://host/db")
    String jdbcUrl() default "jdbc:h2:./data/portal/portal";

    @AttributeDefinition(name = "Database user", required = false)
    String jdbcUser() default "";

    @AttributeDefinition(name = "Database password", required = false, type = AttributeType.PASSWORD)
    String jdbcPassword() default "";

    @AttributeDefinition(name = "Listen address", description = "Address the portal listens on")
    String bindAddress() default "127.0.0.1";

    @AttributeDefinition(name = "Port", min = "0", max = "65535", description = "0 picks a free port (tests)")
    int port() default 8443;

    @AttributeDefinition(name = "Key store", required = false,
            description = "PKCS#12 file with the portal's TLS key and certificate; empty serves plain HTTP (only behind a TLS proxy)")
    String keyStore() default "";

    @AttributeDefinition(name = "Key store password", required = false, type = AttributeType.PASSWORD)
    String keyStorePassword() default "";

    @AttributeDefinition(name = "Upload limit (KiB)", description = "Largest zipped report accepted", min = "1", max = "65536")
    int maxUploadKib() default 1024;

    @AttributeDefinition(name = "Inflated limit (KiB)", description = "Largest report.xml accepted after unzipping", min = "1", max = "1048576")
    int maxXmlKib() default 32768;

    @AttributeDefinition(name = "Compression ratio limit", description = "Refuse uploads that inflate more than this (zip bombs)", min = "2", max = "10000")
    int maxCompressionRatio() default 200;

    @AttributeDefinition(name = "Command file limit (KiB)", description = "Largest zip an agent may send back with a command (logs, a MIB walk)",
            min = "1", max = "262144")
    int maxCommandFileKib() default 16384;
}
