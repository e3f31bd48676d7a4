package org.printscout.api.mapper;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The devices a {@link Mapper} service applies to, as component properties:
 * {@code @MapperClaims(enterprise = 1347, rank = 100)}. A device is claimed when its sysObjectID is
 * under one of the enterprises or OID prefixes, or its sysDescr matches one of the patterns; a mapper
 * that claims nothing applies to every device (the standard MIB mapper does).
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface MapperClaims {

    /** Service property names start with this prefix. */
    String PREFIX_ = "printscout.mapper.";

    String ENTERPRISE = "printscout.mapper.enterprise";
    String SYS_OBJECT_ID = "printscout.mapper.sysObjectId";
    String SYS_DESCR = "printscout.mapper.sysDescr";
    String RANK = "printscout.mapper.rank";
    String NAME = "printscout.mapper.name";
    /**
     * On a mapper read from a mapping file (the declarative mapper): the file's absolute, normalised
     * path, so a fleet update can find the mapper of the file it installed.
     *
     * @since 1.2
     */
    String MAPPING_SOURCE = "printscout.mapping.source";
    /**
     * On a mapper read from a mapping file: the SHA-256 (lower-case hex) of the bytes it was read from,
     * so a fleet update can tell its own file's mapper from the one it replaced.
     *
     * @since 1.2
     */
    String MAPPING_SHA256 = "printscout.mapping.sha256";

    /** A short name shown by scout:mappers and in reading sources, e.g. "hp". */
    String name();

    /** Private enterprise numbers (1.3.6.1.4.1.N) whose sysObjectIDs this mapper claims. */
    int[] enterprise() default {};

    /** sysObjectID prefixes in dotted form. */
    String[] sysObjectId() default {};

    /** Regular expressions searched in sysDescr. */
    String[] sysDescr() default {};

    /** Higher ranks win per field; the standard mapper has 0, vendor mappers 100. */
    int rank() default 0;
}
