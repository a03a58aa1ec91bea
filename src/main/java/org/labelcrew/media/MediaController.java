package org.labelcrew.media;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.ByteRanges;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bytes of a medium for the labeling screen, to members of the project that holds it (anyone else: 404, so ids
 * reveal nothing). One byte range per request ({@code Range: bytes=a-b}, what audio seeking and video players ask),
 * an ETag from the content hash and a year of private caching: media bytes never change under their id.
 */
@RestController
@RequestMapping("/api/v1")
class MediaController {

    private final MediaStore media;
    private final ProjectAccess access;

    MediaController(MediaStore media, ProjectAccess access) {
        this.media = media;
        this.access = access;
    }

    @Operation(operationId = "getMedia", summary = "A medium's bytes, its thumbnail or its waveform peaks", description = """
            The original file (with `Range` for part of it), `?variant=thumb` a JPEG thumbnail of an image (at most 256
            pixels a side), `?variant=peaks` the waveform of audio as JSON `{"duration", "sampleRate", "channels",
            "length", "peaks": [[0..1, …]]}`. Members of a project holding the medium only; 404 for anyone else.""",
            responses = {
                @ApiResponse(responseCode = "200", description = "the bytes", content = @Content(mediaType = "application/octet-stream",
                        schema = @Schema(type = "string", format = "binary"))),
                @ApiResponse(responseCode = "206", description = "the requested range"),
                @ApiResponse(responseCode = "304", description = "not modified (If-None-Match)"),
                @ApiResponse(responseCode = "416", description = "the range lies past the end")})
    @GetMapping("/media/{id}")
    void get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @Parameter(schema = @Schema(allowableValues = {"thumb", "peaks"})) @RequestParam(required = false) String variant,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            HttpServletResponse response) throws IOException {
        Media m = media.find(id).filter(x -> access.membership(x.projectId(), user).isPresent())
                .orElseThrow(() -> ApiException.notFound("Media", id));
        String key;
        String type;
        long size;
        String etag;
        if (variant == null || variant.isEmpty()) {
            key = m.blobKey();
            type = m.contentType();
            size = m.size();
            etag = "\"" + m.sha256() + "\"";
        } else if (variant.equals("thumb") && m.kind() == Media.Kind.IMAGE) {
            key = m.derivedKey();
            type = "image/jpeg";
            size = m.derivedSize();
            etag = "\"" + m.sha256() + "-thumb\"";
        } else if (variant.equals("peaks") && m.kind() == Media.Kind.AUDIO) {
            key = m.derivedKey();
            type = "application/json";
            size = m.derivedSize();
            etag = "\"" + m.sha256() + "-peaks\"";
        } else if (variant.equals("thumb") || variant.equals("peaks")) {
            throw ApiException.invalid(ApiException.FieldError.coded("variant", "media.variantNotForKind",
                    "\"" + variant + "\" is for " + (variant.equals("thumb") ? "images" : "audio")
                    + "; media " + id + " is " + m.kind().key(), "variant", variant, "id", id, "kind", m.kind().key()));
        } else {
            throw ApiException.invalid(ApiException.FieldError.coded("variant", "media.badVariant",
                    "must be thumb or peaks (or left out for the file itself)"));
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=31536000, immutable");
        response.setHeader("X-Content-Type-Options", "nosniff");
        ByteRanges.send(response, size, etag, type, range, ifNoneMatch, (start, length) -> media.open(key, start, length));
    }
}
