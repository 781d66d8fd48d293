#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
/* touch SIZE MiB of fresh anonymous memory, after sleeping S seconds since the last free */
int main(int argc,char**argv){
  size_t sz=(size_t)atoi(argv[1])<<20;
  for(int i=2;i<argc;i++){ double s=atof(argv[i]); usleep((useconds_t)(s*1e6));
    char*p=mmap(NULL,sz,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0);
    madvise(p,sz,MADV_HUGEPAGE);
    double t0=now(); memset(p,1,sz); double t1=now();
    munmap(p,sz);
    printf("after %.1f s idle: %.0f MiB in %.3f s (%.2f s/GiB)\n",s,sz/1048576.0,t1-t0,(t1-t0)/(sz/1073741824.0));
  }
}
