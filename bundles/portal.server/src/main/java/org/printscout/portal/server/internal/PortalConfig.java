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

    @AttributeDefinition(name = "Listen address", description = "Address the portal listens on (written into Felix HTTP's org.apache.felix.http configuration)")
    String bindAddress() default "127.0.0.1";

    @AttributeDefinition(name = "Port", min = "0", max = "65535",
            description = "0 picks a free port (tests; portal:address shows it); the HTTPS port when a key store is set")
    int port() default 8443;

    @AttributeDefinition(name = "Key store", required = false,
            description = "PKCS#12 file with the portal's TLS key and certificate (TLS 1.3/1.2 only, HSTS sent); "
                    + "empty serves plain HTTP (only behind a TLS proxy)")
    String keyStore() default "";

    @AttributeDefinition(name = "Key store password", required = false, type = AttributeType.PASSWORD)
    String keyStorePassword() default "";

    @AttributeDefinition(name = "Upload limit (KiB)", description = "Largest zipped report accepted", min = "1", max = "65536")
    int maxUploadKib() default 1024;

    @AttributeDefinition(name = "Inflated limit (KiB)", description = "Largest report.xml accepted after unzipping (8 MiB: about 11 000 devices)",
            min = "1", max = "1048576")
    int maxXmlKib() default 8192;

    @AttributeDefinition(name = "Compression ratio limit", description = "Refuse uploads that inflate more than this (zip bombs)", min = "2", max = "10000")
    int maxCompressionRatio() default 200;

    @AttributeDefinition(name = "Uploads parsed at once",
            description = "0 = as many as the heap holds (a parse takes its upload plus about 4x the inflated limit); "
                    + "an upload that waits more than 10 s for its turn is answered 503 and retried by the agent", min = "0", max = "64")
    int maxConcurrentParses() default 0;

    @AttributeDefinition(name = "Clock skew (s)",
            description = "Report times further ahead of the portal's clock are set to the time of arrival (logged, and said in the answer)",
            min = "0", max = "86400")
    int maxClockSkewSeconds() default 300;

    @AttributeDefinition(name = "Command file limit (KiB)", description = "Largest zip an agent may send back with a command (logs, a MIB walk)",
            min = "1", max = "262144")
    int maxCommandFileKib() default 16384;

    @AttributeDefinition(name = "Database connections", description = "Most connections the pool (HikariCP) keeps open; more than "
            + "Felix HTTP's worker threads is never needed", min = "1", max = "200")
    int poolMaxConnections() default 12;

    @AttributeDefinition(name = "Connection wait (s)", description = "How long a request waits for a free database connection before "
            + "it is answered 503", min = "1", max = "300")
    int poolConnectionTimeoutSeconds() default 10;

    @AttributeDefinition(name = "Idle connection timeout (s)", description = "An idle connection beyond the first is closed after this",
            min = "10", max = "86400")
    int poolIdleTimeoutSeconds() default 600;

    @AttributeDefinition(name = "Connection lifetime (s)", description = "A connection is replaced after this (keep it below the "
            + "database's or a firewall's own limit)", min = "30", max = "86400")
    int poolMaxLifetimeSeconds() default 1800;
}
