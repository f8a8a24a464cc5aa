# syntax=docker/dockerfile:1
# QDN Console: build with the SDK, run on the smaller ASP.NET Core runtime image.
#   docker build -t qdn-console .
#   docker run -p 8080:8080 -v qdn-data:/data -e TWILIO_ACCOUNT_SID=... -e TWILIO_AUTH_TOKEN=... qdn-console

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# The same script CI runs (.ci/run), so a green CI means this stage builds.
RUN ./build/publish.sh /app/publish

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
# The SQLite database lives outside the image; create the mount point before VOLUME,
# owned by the image's built-in non-root user (APP_UID), so a fresh named volume is writable.
RUN mkdir /data && chown "$APP_UID" /data
COPY --from=build /app/publish .

ENV ASPNETCORE_HTTP_PORTS=8080 \
    ConnectionStrings__Qdn="Data Source=/data/qdn.db"
VOLUME /data
EXPOSE 8080

USER $APP_UID

# The runtime image has no curl or wget, but has bash: speak HTTP over bash's /dev/tcp and require
# a 200 status line from the liveness endpoint. Exec form, because /bin/sh (dash) has no /dev/tcp.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && IFS= read -r -t 5 status <&3 && [[ $status == 'HTTP/1.1 200 '* ]]"]

ENTRYPOINT ["dotnet", "QdnConsole.dll"]
