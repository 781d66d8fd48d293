#include "chokepoint/common.h"

#include <cjson/cJSON.h>
#include <graphviz/graphviz_version.h>
#include <igraph_version.h>

const char *ckp_version(void)
{
    return CKP_VERSION;
}

const char *ckp_igraph_version(void)
{
    return IGRAPH_VERSION;
}

const char *ckp_graphviz_version(void)
{
    return PACKAGE_VERSION;
}

#define CKP_STR_(x) #x
#define CKP_STR(x) CKP_STR_(x)

/* The version built against (cJSON_Version() would give the one loaded). */
const char *ckp_cjson_version(void)
{
    return CKP_STR(CJSON_VERSION_MAJOR) "." CKP_STR(CJSON_VERSION_MINOR) "." CKP_STR(
        CJSON_VERSION_PATCH);
}
