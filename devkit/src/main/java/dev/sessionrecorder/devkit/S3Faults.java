package dev.sessionrecorder.devkit;

import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.http.HttpResponse;
import org.jclouds.http.HttpResponseException;

/**
 * Server-side faults for {@link EmbeddedS3}: while set, every object write is answered with the given
 * HTTP status (500, 503, ...), the way S3 answers when it is throttling or failing internally.
 */
public final class S3Faults {
    private volatile int putStatus;

    /** Answer every PUT with {@code status} until {@link #heal()}. */
    public void failPuts(int status) {
        putStatus = status;
    }

    public void heal() {
        putStatus = 0;
    }

    BlobStore wrap(BlobStore store) {
        return new ForwardingBlobStore(store) {
            @Override
            public String putBlob(String container, Blob blob) {
                check();
                return super.putBlob(container, blob);
            }

            @Override
            public String putBlob(String container, Blob blob, PutOptions options) {
                check();
                return super.putBlob(container, blob, options);
            }
        };
    }

    private void check() {
        int status = putStatus;
        if (status != 0) {
            // S3Proxy answers an HttpResponseException with that response's status code.
            throw new HttpResponseException("injected fault", null,
                    HttpResponse.builder().statusCode(status).message("injected fault").build());
        }
    }
}
