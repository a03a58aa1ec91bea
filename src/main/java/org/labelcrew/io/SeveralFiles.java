package org.labelcrew.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.web.multipart.MultipartFile;

/**
 * Several uploaded files packed into one zip (not compressed: media do not shrink), so that a multi-file upload is
 * one stored upload and one job, read by the same zip format as a zip the manager made. Entries are the files' own
 * names without folders; a name given twice gets {@code (2)} before its extension.
 */
final class SeveralFiles {

    static final int MAX_FILES = 10_000;

    private SeveralFiles() {
    }

    static void zip(List<MultipartFile> files, Path target) throws IOException {
        if (files.size() > MAX_FILES) {
            throw IoProblems.invalid(org.labelcrew.shared.ApiException.FieldError.coded("files", "io.files.tooMany",
                    "at most " + MAX_FILES + " files in one upload; send a zip", "max", MAX_FILES));
        }
        Set<String> names = new HashSet<>();
        try (OutputStream out = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.NO_COMPRESSION);
            int i = 0;
            for (MultipartFile f : files) {
                i++;
                String name = unique(baseName(f.getOriginalFilename(), i), names);
                zip.putNextEntry(new ZipEntry(name));
                try (InputStream in = f.getInputStream()) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
    }

    private static String baseName(String original, int i) {
        String name = original == null ? "" : original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) name = "file-" + i;
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }

    private static String unique(String name, Set<String> names) {
        String candidate = name;
        int dot = name.lastIndexOf('.');
        for (int n = 2; !names.add(candidate); n++) {
            candidate = dot > 0 ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot) : name + " (" + n + ")";
        }
        return candidate;
    }
}
