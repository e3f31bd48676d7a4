package org.printscout.collector.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "PrintScout collector", description = "How one device is read")
@interface CollectorConfig {

    @AttributeDefinition(name = "Mapper time limit (ms)",
            description = "A mapper that takes longer loses its fields for that device; the others' stand", min = "10")
    int mapperTimeoutMillis() default 2000;

    @AttributeDefinition(name = "Rows per table", description = "A walk of one table stops after this many values", min = "1")
    int maxRowsPerTable() default 5000;

    @AttributeDefinition(name = "Walk time limit (s)", description = "A walk of one table stops after this long", min = "1")
    int maxWalkSeconds() default 30;

    @AttributeDefinition(name = "Columns per GETBULK", description = "Table columns fetched together in one GETBULK", min = "1", max = "64")
    int maxColumnsPerRequest() default 12;

    @AttributeDefinition(name = "Mapper threads", description = "Threads that run mappers", min = "1", max = "64")
    int mapperThreads() default 4;
}
