@echo off
rem The recorder command line (status, stop, drain, validate, record; run "recorder --help").
rem Pass --config "%~dp0..\config\recorder.json" to use the installed configuration.
setlocal
set "ROOT=%~dp0.."
set "JAVA=%ROOT%\jre\bin\java.exe"
if not exist "%JAVA%" set "JAVA=java.exe"
"%JAVA%" -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "-Dorg.bytedeco.javacpp.cachedir=%ROOT%\cache" -cp "%ROOT%\lib\*" dev.sessionrecorder.core.cli.RecorderCli %*
exit /b %ERRORLEVEL%
