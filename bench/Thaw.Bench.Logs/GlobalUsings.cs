global using Thaw.Logs;
